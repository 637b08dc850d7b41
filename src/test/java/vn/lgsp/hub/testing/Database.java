package vn.lgsp.hub.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A plain JDBC connection to the test PostgreSQL as its superuser: for attacks on the stored data. */
public final class Database {

    private Database() {
    }

    public static Connection superuser() throws SQLException {
        String url = "jdbc:" + ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class);
        return DriverManager.getConnection(url, ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class), null);
    }
}
