package io.ticketrail.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connections that bypass the pool, straight to the primary, for sessions that must stay open: the LISTEN
 * connection, the alarm leader's advisory lock. Each is named, so operators (and tests) find it in pg_stat_activity.
 */
@ApplicationScoped
public class DirectConnections {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    // optional: an empty default counts as missing in MicroProfile Config, and passwordless setups (trust,
    // client certificates) are legitimate
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    public Connection open(String applicationName) throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(user -> properties.setProperty("user", user));
        password.ifPresent(secret -> properties.setProperty("password", secret));
        properties.setProperty("ApplicationName", applicationName);
        // a half-open TCP connection must not leave a session deaf (or a lock held) forever
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, properties);
    }
}
