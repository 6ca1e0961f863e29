package dev.accelerometer.common.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Recognises a failure that is the database being unreachable rather than a bug, so it is answered 503 with
 * Retry-After instead of 500, and logged once per outage instead of once per request.
 *
 * <p>A failure is an outage when somewhere in its cause chain there is a connection exception (SQLState class 08,
 * "connection exception"), an operator intervention (57P01–57P03: admin shutdown, crash shutdown, cannot connect now),
 * insufficient resources (class 53), a JDBC transient or non-transient connection exception, a refused TCP connection,
 * or the pool's acquisition timeout (Agroal: "Acquisition timeout while waiting for new connection"). SQLState classes
 * are from the PostgreSQL manual, Appendix A "PostgreSQL Error Codes" (read 2026-11-29).
 *
 * <p>Logging: the first outage failure is logged as one WARN line; later ones within {@link #QUIET_MILLIS} are only
 * counted, and the next line reports how many requests were answered 503 in between. Agroal re-opens connections by
 * itself when the database is back, so recovery needs nothing from here.
 */
public final class DatabaseOutage {
    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    static final long QUIET_MILLIS = 60_000;
    private static final AtomicLong LAST_LOGGED = new AtomicLong(Long.MIN_VALUE / 2);
    private static final AtomicLong SUPPRESSED = new AtomicLong();

    private DatabaseOutage() {
    }

    /** True when {@code failure} is the database (or the connection to it) being unavailable. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailable(sql.getSQLState())) {
                return true;
            }
            String message = t.getMessage();
            if (t instanceof SQLException && message != null && message.contains("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    static boolean unavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53")
                || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03"));
    }

    /** Logs the outage once per quiet period; counts the requests in between. */
    static void report(String path, Throwable failure) {
        long now = System.currentTimeMillis();
        long last = LAST_LOGGED.get();
        if (now - last >= QUIET_MILLIS && LAST_LOGGED.compareAndSet(last, now)) {
            long suppressed = SUPPRESSED.getAndSet(0);
            LOG.warnf("Database unavailable (answering 503 with Retry-After; first seen on %s: %s)%s", path, rootMessage(failure),
                    suppressed == 0 ? "" : "; " + suppressed + " more requests were answered 503 since the last line");
        } else {
            SUPPRESSED.incrementAndGet();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
