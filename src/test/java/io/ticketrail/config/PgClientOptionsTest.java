package io.ticketrail.config;

import java.util.List;
import java.util.Optional;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LISTEN connection reaches the database the JDBC URL names, as pgjdbc would reach it, or is left to pgjdbc: an
 * operator's URL never connects somewhere else, or less securely, because another client reads it.
 */
class PgClientOptionsTest {

    private static PgClientOptions.Mapping map(String url) {
        return PgClientOptions.of(url, Optional.of("kitchen"), Optional.of("s3cret"), "ticketrail-listen");
    }

    private static PgConnectOptions only(String url) {
        List<PgConnectOptions> hosts = map(url).options().orElseThrow();
        assertThat(hosts).hasSize(1);
        return hosts.get(0);
    }

    @Test
    void aPlainUrlNamesTheSameServerDatabaseAndLogin() {
        PgConnectOptions options = only("jdbc:postgresql://db.example.internal:6432/ticketrail");

        assertThat(options.getHost()).isEqualTo("db.example.internal");
        assertThat(options.getPort()).isEqualTo(6432);
        assertThat(options.getDatabase()).isEqualTo("ticketrail");
        assertThat(options.getUser()).isEqualTo("kitchen");
        assertThat(options.getPassword()).isEqualTo("s3cret");
        assertThat(options.getProperties()).containsEntry("application_name", "ticketrail-listen");
        assertThat(options.isTcpKeepAlive()).isTrue();
    }

    @Test
    void theDefaultsArePgjdbcs() {
        PgConnectOptions options = only("jdbc:postgresql:ticketrail");

        assertThat(options.getHost()).isEqualTo("localhost");
        assertThat(options.getPort()).isEqualTo(5432);
        // pgjdbc tries TLS first and falls back to plain text, without checking the certificate
        assertThat(options.getSslMode()).isEqualTo(SslMode.PREFER);
        assertThat(options.isTrustAll()).isTrue();
    }

    @Test
    void aLoginInTheUrlWinsAsInPgjdbc() {
        PgConnectOptions options = only("jdbc:postgresql://db/ticketrail?user=listener&password=other");

        assertThat(options.getUser()).isEqualTo("listener");
        assertThat(options.getPassword()).isEqualTo("other");
    }

    @Test
    void everyHostOfAMultiHostUrlIsTriedInOrder() {
        List<PgConnectOptions> hosts = map("jdbc:postgresql://one:5432,two:5433/ticketrail?targetServerType=primary")
                .options()
                .orElseThrow();

        assertThat(hosts).extracting(PgConnectOptions::getHost).containsExactly("one", "two");
        assertThat(hosts).extracting(PgConnectOptions::getPort).containsExactly(5432, 5433);
    }

    @Test
    void verifyFullChecksTheCertificateAgainstTheRootCertAndTheHostName() {
        PgConnectOptions options =
                only("jdbc:postgresql://db/ticketrail?sslmode=verify-full&sslrootcert=/etc/ticketrail/ca.pem");

        assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(options.isTrustAll()).isFalse();
        assertThat(((PemTrustOptions) options.getTrustOptions()).getCertPaths())
                .containsExactly("/etc/ticketrail/ca.pem");
        assertThat(options.getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
    }

    @Test
    void verifyCaChecksTheCertificateButNotTheHostName() {
        PgConnectOptions options = only("jdbc:postgresql://db/ticketrail?sslmode=verify-ca&sslrootcert=/ca.pem");

        assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_CA);
        assertThat(options.isTrustAll()).isFalse();
        assertThat(options.getHostnameVerificationAlgorithm()).isEmpty();
    }

    @Test
    void aBareSslTrueIsVerifyFullAsInPgjdbc() {
        PgConnectOptions options = only("jdbc:postgresql://db/ticketrail?ssl=true");

        assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(((PemTrustOptions) options.getTrustOptions()).getCertPaths())
                .singleElement()
                .asString()
                .endsWith("/.postgresql/root.crt");
    }

    @Test
    void requireEncryptsWithoutCheckingTheCertificate() {
        PgConnectOptions options = only("jdbc:postgresql://db/ticketrail?sslmode=require");

        assertThat(options.getSslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(options.isTrustAll()).isTrue();
    }

    @Test
    void whatOnlyTunesJdbcStatementsIsNoReasonToFallBack() {
        assertThat(map("jdbc:postgresql://db/ticketrail?socketTimeout=30&tcpKeepAlive=true&prepareThreshold=3")
                        .options())
                .isPresent();
    }

    @Test
    void anythingElseLeavesTheConnectionToPgjdbcAndSaysWhy() {
        PgClientOptions.Mapping clientCert = map("jdbc:postgresql://db/ticketrail?sslmode=verify-full&sslcert=/c.pem");
        PgClientOptions.Mapping gss = map("jdbc:postgresql://db/ticketrail?gsslib=sspi");
        PgClientOptions.Mapping badMode = map("jdbc:postgresql://db/ticketrail?sslmode=sometimes");
        PgClientOptions.Mapping notPostgres = map("jdbc:mysql://db/ticketrail");

        assertThat(clientCert.options()).isEmpty();
        assertThat(clientCert.unmapped()).contains("sslcert");
        assertThat(gss.unmapped()).contains("gsslib");
        assertThat(badMode.unmapped()).contains("sslmode=sometimes");
        assertThat(notPostgres.options()).isEmpty();
    }
}
