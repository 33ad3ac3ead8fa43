import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs an embedded Neo4j Community DBMS with a Bolt connector, for projects without Docker.
 *
 * Usage: java -cp 'lib/*' Neo4jLauncher.java --home DIR [--port 7687] [--host 127.0.0.1]
 * The password comes from NEO4J_LAUNCHER_PASSWORD (never argv, which `ps` shows); without it auth is off.
 * Prints "NEO4J_READY bolt://host:port version" once the default database is available, and shuts
 * down cleanly (checkpointing the store) on SIGTERM or SIGINT.
 * With "--stop-with-stdin true" it also shuts down cleanly when its stdin reaches end of file: the
 * parent holds the pipe's other end, and the OS closes it however the parent dies (even SIGKILL),
 * so a database tied to a process cannot outlive it.
 */
public class Neo4jLauncher {
    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("home")) {
            System.err.println("NEO4J_FAILED --home DIR is required");
            System.exit(2);
        }
        String host = options.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(options.getOrDefault("port", "7687"));
        String password = System.getenv("NEO4J_LAUNCHER_PASSWORD");
        boolean authEnabled = password != null && !password.isEmpty();
        try {
            Path home = Files.createDirectories(Path.of(options.get("home")));
            SocketAddress address = new SocketAddress(host, port);
            DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, address)
                    .setConfig(BoltConnector.advertised_address, address)
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, authEnabled)
                    .setConfig(GraphDatabaseSettings.pagecache_memory,
                            ByteUnit.mebiBytes(Long.parseLong(options.getOrDefault("pagecache-mb", "256"))))
                    .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(
                            Long.parseLong(options.getOrDefault("tx-timeout-s", "120"))))
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    .build();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.err.println("NEO4J_STOPPING");
                service.shutdown();
                stopped.countDown();
            }));
            if (Boolean.parseBoolean(options.getOrDefault("stop-with-stdin", "false"))) {
                stopWhenStdinCloses();
            }
            var database = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!database.isAvailable(Duration.ofSeconds(120).toMillis())) {
                System.err.println("NEO4J_FAILED the default database did not become available in 120 s");
                System.exit(1);
            }
            if (authEnabled) {
                setPassword(service, password);
            }
            String version = database.executeTransactionally(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                    Map.of(), result -> (String) result.next().get("v"));
            System.out.println("NEO4J_READY bolt://" + host + ":" + port + " " + version);
            System.out.flush();
            stopped.await();
        } catch (Throwable error) {
            System.err.println("NEO4J_FAILED " + error);
            error.printStackTrace();
            System.exit(1);
        }
    }

    /** Exits (running the shutdown hook, so the store is checkpointed) once the parent's end of stdin closes. */
    private static void stopWhenStdinCloses() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the parent never writes: anything read is ignored until end of file
                }
            } catch (java.io.IOException error) {
                System.err.println("NEO4J_STDIN_ERROR " + error);
            }
            System.err.println("NEO4J_PARENT_GONE");
            System.exit(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Sets the built-in user's password; a restart with the same password is not an error. */
    private static void setPassword(DatabaseManagementService service, String password) {
        try {
            service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException error) {
            if (!String.valueOf(error.getMessage()).contains("Old password and new password cannot be the same")) {
                throw error;
            }
        }
    }
}
