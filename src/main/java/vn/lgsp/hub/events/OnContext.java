package vn.lgsp.hub.events;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Brings a result completed on a Kafka client thread (or a pull thread) back to the Vert.x
 * context of the request, so database calls and the answer continue where they started.
 */
final class OnContext {

    private OnContext() {
    }

    static <T> Uni<T> await(Supplier<CompletionStage<T>> stage) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().completionStage(stage);
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(v -> command.run()));
    }
}
