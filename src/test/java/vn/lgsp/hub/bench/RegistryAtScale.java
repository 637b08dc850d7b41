package vn.lgsp.hub.bench;

import vn.lgsp.hub.testing.Api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Fills the registry through the public API (validation, caches and events included, as an
 * operator's registrations would): systems each sharing one REST service, and grants from each
 * system to the services of the next {@code grantsPerSystem} systems.
 */
final class RegistryAtScale {

    private static final int PARALLEL = 8;

    private RegistryAtScale() {
    }

    static void seed(int systems, int grantsPerSystem) throws Exception {
        long started = System.nanoTime();
        inParallel(systems, i -> {
            String code = code(i);
            Api.activeSystem(code);
            Api.addEndpoint(code, Api.httpEndpoint("main", "http://127.0.0.1:9/api"));
            Api.publish(code, Api.restService("records", "main"));
        });
        inParallel(systems, i -> {
            for (int g = 1; g <= grantsPerSystem; g++) {
                Api.grant(code(i), code((i + g) % systems), "records");
            }
        });
        System.out.printf("  registered %,d systems and %,d grants in %.0f s%n", systems, systems * grantsPerSystem,
                (System.nanoTime() - started) / 1e9);
    }

    private static String code(int i) {
        return "scale-system-" + i;
    }

    private static void inParallel(int count, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.accept(index)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
