package io.ticketrail.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.postgresql.Driver;

/**
 * The JDBC URL an operator configured, as Vert.x PostgreSQL client options: one per host, tried in turn. Only what
 * the two drivers mean alike is mapped; a URL that asks for anything else (a socket factory, GSS, client
 * certificates, ...) maps to nothing, and the caller keeps the JDBC driver rather than connect differently.
 */
public final class PgClientOptions {

    /** Parameters that only tune the JDBC driver's statements and sockets: nothing a LISTEN session depends on. */
    private static final Set<String> JDBC_ONLY = Set.of(
            "ApplicationName",
            "connectTimeout",
            "loginTimeout",
            "socketTimeout",
            "cancelSignalTimeout",
            "tcpKeepAlive",
            "tcpNoDelay",
            "prepareThreshold",
            "preparedStatementCacheQueries",
            "preparedStatementCacheSizeMiB",
            "defaultRowFetchSize",
            "reWriteBatchedInserts",
            "stringtype",
            "binaryTransfer",
            "currentSchema",
            "targetServerType",
            "loadBalanceHosts",
            "hostRecheckSeconds",
            "readOnly",
            "readOnlyMode",
            "logUnclosedConnections",
            "assumeMinServerVersion");

    private static final Set<String> MAPPED =
            Set.of("PGHOST", "PGPORT", "PGDBNAME", "user", "password", "sslmode", "ssl", "sslrootcert");

    /** The options, or why the URL cannot be taken as the JDBC driver would take it. */
    public record Mapping(List<PgConnectOptions> hosts, String unmapped) {

        public Optional<List<PgConnectOptions>> options() {
            return unmapped == null ? Optional.of(hosts) : Optional.empty();
        }
    }

    private PgClientOptions() {}

    public static Mapping of(String jdbcUrl, Optional<String> user, Optional<String> password, String applicationName) {
        Properties defaults = new Properties();
        user.ifPresent(u -> defaults.setProperty("user", u));
        password.ifPresent(p -> defaults.setProperty("password", p));
        Properties url = Driver.parseURL(jdbcUrl, defaults);
        if (url == null) {
            return new Mapping(List.of(), "the URL is not a PostgreSQL JDBC URL");
        }
        for (String key : url.stringPropertyNames()) {
            if (!MAPPED.contains(key) && !JDBC_ONLY.contains(key)) {
                return new Mapping(List.of(), "the URL sets " + key);
            }
        }
        String[] hosts = url.getProperty("PGHOST", "localhost").split(",");
        String[] ports = url.getProperty("PGPORT", "5432").split(",");
        if (hosts.length != ports.length) {
            return new Mapping(List.of(), "the URL's hosts and ports do not pair up");
        }
        SslMode ssl = sslMode(url);
        if (ssl == null) {
            return new Mapping(List.of(), "the URL sets sslmode=" + url.getProperty("sslmode"));
        }
        List<PgConnectOptions> options = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            PgConnectOptions one = new PgConnectOptions()
                    .setHost(hosts[i])
                    .setPort(Integer.parseInt(ports[i]))
                    .setDatabase(url.getProperty("PGDBNAME", ""))
                    .setSslMode(ssl)
                    // a half-open TCP connection must not leave the session deaf forever (FeedListener pings too)
                    .setTcpKeepAlive(true)
                    .setConnectTimeout(10_000)
                    .addProperty("application_name", applicationName);
            Optional.ofNullable(url.getProperty("user")).ifPresent(one::setUser);
            Optional.ofNullable(url.getProperty("password")).ifPresent(one::setPassword);
            trust(one, ssl, url.getProperty("sslrootcert"));
            options.add(one);
        }
        return new Mapping(options, null);
    }

    /** sslmode as pgjdbc reads it: prefer by default, verify-full for a bare ssl=true. */
    private static SslMode sslMode(Properties url) {
        String mode = url.getProperty("sslmode");
        if (mode == null) {
            boolean ssl = url.getProperty("ssl") != null && !"false".equalsIgnoreCase(url.getProperty("ssl"));
            return ssl ? SslMode.VERIFY_FULL : SslMode.PREFER;
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "disable" -> SslMode.DISABLE;
            case "allow" -> SslMode.ALLOW;
            case "prefer" -> SslMode.PREFER;
            case "require" -> SslMode.REQUIRE;
            case "verify-ca" -> SslMode.VERIFY_CA;
            case "verify-full" -> SslMode.VERIFY_FULL;
            default -> null;
        };
    }

    /**
     * pgjdbc encrypts without checking the certificate below verify-ca, and checks it against sslrootcert (by default
     * ~/.postgresql/root.crt) from verify-ca on, the host name too at verify-full.
     */
    private static void trust(PgConnectOptions options, SslMode ssl, String rootCert) {
        if (ssl == SslMode.DISABLE) {
            return;
        }
        if (ssl != SslMode.VERIFY_CA && ssl != SslMode.VERIFY_FULL) {
            options.setTrustAll(true);
            return;
        }
        String path = rootCert != null
                ? rootCert
                : Path.of(System.getProperty("user.home"), ".postgresql", "root.crt")
                        .toString();
        options.setTrustOptions(new PemTrustOptions().addCertPath(path));
        options.setHostnameVerificationAlgorithm(ssl == SslMode.VERIFY_FULL ? "HTTPS" : "");
    }
}
