package io.ticketrail.config;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;

/**
 * The sockets of a LISTEN connection (pgjdbc's {@code socketFactory}), which answer pgjdbc's "is another message
 * pending?" at once. After each notification pgjdbc's {@code getNotifications} sets a 1 ms read timeout and waits
 * for a byte: with none on the way the thread sleeps a millisecond, wakes again, and builds a
 * {@code SocketTimeoutException} with its stack, once per notification and so once per command (pgjdbc means to
 * do that at most once a second, but does not note the time when the wait times out; up to 42.7.13). Here the
 * first read after a 1 ms timeout was set fails at once, without a stack, when nothing has arrived; bytes that
 * arrive later are read by the next {@code getNotifications}, which waits for them as before. Only that first read
 * is answered early, so a TLS layer on top still reads a record it has begun as it always did.
 */
public final class NotificationSockets extends SocketFactory {

    /** pgjdbc's timeout for its "anything pending?" read (PGStream.hasMessagePending). */
    private static final int PEEK_TIMEOUT_MILLIS = 1;

    public NotificationSockets() {}

    @Override
    public Socket createSocket() {
        return new PeekAnsweringSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    /** pgjdbc itself calls {@link #createSocket()} and connects; the other forms are SocketFactory's contract. */
    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new PeekAnsweringSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }

    private static final class PeekAnsweringSocket extends Socket {

        /** Set by the 1 ms timeout, cleared by the read after it (or by any other timeout). */
        private volatile boolean peekNext;

        private InputStream input;

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            super.setSoTimeout(timeout);
            peekNext = timeout == PEEK_TIMEOUT_MILLIS;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new PeekAnsweringStream(super.getInputStream());
            }
            return input;
        }

        private final class PeekAnsweringStream extends FilterInputStream {

            PeekAnsweringStream(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                nothingPendingCheck();
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                nothingPendingCheck();
                return in.read(buffer, offset, length);
            }

            private void nothingPendingCheck() throws IOException {
                if (peekNext) {
                    peekNext = false;
                    if (in.available() == 0) {
                        throw new NothingPending();
                    }
                }
            }
        }
    }

    /** What the 1 ms wait would have ended with, without the wait or a stack (pgjdbc catches and drops it). */
    private static final class NothingPending extends SocketTimeoutException {

        NothingPending() {
            super("No message pending");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
