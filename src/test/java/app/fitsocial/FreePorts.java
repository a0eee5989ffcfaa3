package app.fitsocial;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Free loopback ports for the servers and instances a test (or the development run) starts
 * itself. A port found free can be taken by another process before the server binds it, so
 * servers are started with {@link #startOnAFreePort}, which tries again on another port when
 * that happens.
 */
public final class FreePorts {

    private static final Logger log = LoggerFactory.getLogger(FreePorts.class);
    private static final int ATTEMPTS = 5;

    private FreePorts() {
    }

    /** Starts something on a given port. */
    @FunctionalInterface
    public interface Start<T> {

        T on(int port) throws IOException;
    }

    /** A port free on the loopback address right now. */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Starts a server on a free port; when it fails because the port was taken meanwhile
     * ("Address already in use"), on another free port, up to {@value #ATTEMPTS} times. Any other
     * failure is thrown at once.
     */
    public static <T> T startOnAFreePort(String what, Start<T> start) throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port = any();
            try {
                return start.on(port);
            }
            catch (IOException | RuntimeException ex) {
                if (attempt == ATTEMPTS || !portTaken(ex)) {
                    throw ex;
                }
                log.warn("{} could not bind port {}, taken since it was found free; trying another", what, port);
            }
        }
    }

    /**
     * Starts embedded PostgreSQL with the server's output appended to {@code serverLog}. The
     * embedded library only polls the port until its startup wait ends, so a server that could
     * not bind its port fails as a timeout; the server has said why in its log, and that is
     * thrown as a {@link BindException}, which {@link #startOnAFreePort} retries.
     */
    public static EmbeddedPostgres startPostgres(EmbeddedPostgres.Builder builder, Path serverLog) throws IOException {
        long from = Files.exists(serverLog) ? Files.size(serverLog) : 0;
        builder.setOutputRedirector(Redirect.appendTo(serverLog.toFile()))
                .setErrorRedirector(Redirect.appendTo(serverLog.toFile()));
        try {
            return builder.start();
        }
        catch (IOException ex) {
            String said = readFrom(serverLog, from);
            if (portTaken(new IOException(said))) {
                BindException taken = new BindException("PostgreSQL could not bind its port (" + serverLog + ")");
                taken.initCause(ex);
                throw taken;
            }
            throw ex;
        }
    }

    private static String readFrom(Path file, long offset) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(Math.min(offset, in.length()));
            byte[] bytes = new byte[(int) Math.min(1 << 20, in.length() - in.getFilePointer())];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        catch (IOException unreadable) {
            return "";
        }
    }

    /** Whether a failure to start was a port someone else bound first. */
    static boolean portTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("address already in use") || message.contains("could not bind")
                    || cause instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }
}
