package vn.lgsp.hub.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain TCP load balancer for tests of several hub instances: each new connection goes to the
 * next backend in turn, skipping one that refuses the connection (an instance that left).
 * Backends can be added and removed while it runs.
 */
public final class RoundRobinBalancer implements AutoCloseable {

    private final Vertx vertx;
    private final NetServer server;
    private final NetClient client;
    private final List<Integer> backends = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    public RoundRobinBalancer(Vertx vertx, List<Integer> ports) throws Exception {
        this.vertx = vertx;
        this.backends.addAll(ports);
        this.client = vertx.createNetClient();
        this.server = vertx.createNetServer().connectHandler(this::route).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get();
    }

    public int port() {
        return server.actualPort();
    }

    public void add(int port) {
        backends.add(port);
    }

    public void remove(int port) {
        backends.remove(Integer.valueOf(port));
    }

    private void route(NetSocket front) {
        front.pause();
        connect(front, backends.size());
    }

    private void connect(NetSocket front, int triesLeft) {
        List<Integer> snapshot = List.copyOf(backends);
        if (triesLeft == 0 || snapshot.isEmpty()) {
            front.close();
            return;
        }
        int port = snapshot.get(Math.floorMod(next.getAndIncrement(), snapshot.size()));
        client.connect(port, "127.0.0.1").onComplete(result -> {
            if (result.failed()) {
                connect(front, triesLeft - 1);
                return;
            }
            NetSocket back = result.result();
            front.pipeTo(back);
            back.pipeTo(front);
            front.resume();
        });
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get();
        client.close().toCompletionStage().toCompletableFuture().get();
    }
}
