package io.ticketrail.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connections that bypass the pool, straight to the primary, for sessions that must stay open: the LISTEN
 * connection, the alarm leader's advisory lock, the readiness check. Each is named, so operators (and tests) find it in pg_stat_activity.
 */
@Singleton
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
        return DriverManager.getConnection(url, properties(applicationName));
    }

    /**
     * A connection that waits for notifications (LISTEN): its sockets answer pgjdbc's check for another pending
     * message at once ({@link NotificationSockets}) instead of after a millisecond's wait and an exception.
     */
    public Connection openForNotifications(String applicationName) throws SQLException {
        Properties properties = properties(applicationName);
        properties.setProperty("socketFactory", NotificationSockets.class.getName());
        return DriverManager.getConnection(url, properties);
    }

    /**
     * A connection whose connect, login and every read give up after {@code timeout} (whole seconds, at least one):
     * for a check that must answer within a probe's deadline, whatever the network does.
     */
    public Connection open(String applicationName, Duration timeout) throws SQLException {
        Properties properties = properties(applicationName);
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        return DriverManager.getConnection(url, properties);
    }

    private Properties properties(String applicationName) {
        Properties properties = new Properties();
        username.ifPresent(user -> properties.setProperty("user", user));
        password.ifPresent(secret -> properties.setProperty("password", secret));
        properties.setProperty("ApplicationName", applicationName);
        // a half-open TCP connection must not leave a session deaf (or a lock held) forever
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }
}
