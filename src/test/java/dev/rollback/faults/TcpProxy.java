package dev.rollback.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP port forwarding to a Unix socket (the Docker daemon's) or a TCP port (PostgreSQL's),
 * so a test can make a dependency unreachable mid-run: {@link #close} stops listening (new
 * connections are refused) and cuts every open connection, as a daemon or a database going away would.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocketChannel listener;
    private final SocketAddress target;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

    private TcpProxy(SocketAddress target) throws IOException {
        this.target = target;
        this.listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accepting = new Thread(this::accept, "proxy-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    static TcpProxy toUnixSocket(Path socket) {
        return open(UnixDomainSocketAddress.of(socket));
    }

    static TcpProxy toLocalPort(int port) {
        return open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static TcpProxy open(SocketAddress target) {
        try {
            return new TcpProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return ((InetSocketAddress) listener.socket().getLocalSocketAddress()).getPort();
    }

    private void accept() {
        while (listener.isOpen()) {
            try {
                SocketChannel client = listener.accept();
                SocketChannel upstream = SocketChannel.open(target);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
                to.shutdownOutput();
            } catch (IOException ended) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(TcpProxy::closeQuietly);
    }

    private static void closeQuietly(java.io.Closeable channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
