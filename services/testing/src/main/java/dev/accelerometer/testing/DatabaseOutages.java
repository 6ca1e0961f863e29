package dev.accelerometer.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts a TCP relay between the service under test and the real PostgreSQL so a test can take the database away and
 * give it back: {@link #cut()} closes every open connection and refuses new ones (what a stopped or crashed server
 * looks like to the pool), {@link #restore()} relays again. Use with
 * {@code @QuarkusTestResource(value = DatabaseOutages.class, restrictToAnnotatedClass = true)}; it points the
 * service's datasource at the relay, keeping the database name of the test profile.
 */
public class DatabaseOutages implements QuarkusTestResourceLifecycleManager {
    private static volatile boolean cut;
    private static final Set<Socket> OPEN = ConcurrentHashMap.newKeySet();
    private ServerSocket relay;

    @Override
    public Map<String, String> start() {
        String host = env("PGHOST", "127.0.0.1");
        int port = Integer.parseInt(env("PGPORT", "5432"));
        String database = env("PGDATABASE_TEST", "accelerometer_test");
        try {
            relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the database relay", e);
        }
        Thread acceptor = new Thread(() -> accept(host, port), "database-relay");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + relay.getLocalPort() + "/" + database);
    }

    @Override
    public void stop() {
        cut();
        try {
            relay.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cut = false;
    }

    /** The database goes away: open connections are reset and new ones refused until {@link #restore()}. */
    public static void cut() {
        cut = true;
        OPEN.forEach(DatabaseOutages::close);
        OPEN.clear();
    }

    /** The database is back. */
    public static void restore() {
        cut = false;
    }

    private void accept(String host, int port) {
        while (!relay.isClosed()) {
            try {
                Socket client = relay.accept();
                if (cut) {
                    close(client);
                    continue;
                }
                Socket server = new Socket(host, port);
                OPEN.add(client);
                OPEN.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // relay closed, or the database refused: the client sees a closed connection
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                close(from);
                close(to);
            }
        }, "database-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        OPEN.remove(socket);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
