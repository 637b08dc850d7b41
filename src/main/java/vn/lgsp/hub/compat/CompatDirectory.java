package vn.lgsp.hub.compat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.registry.RegistryChanges;
import vn.lgsp.hub.registry.RegistrySnapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Every compatibility profile and address in memory, dropped at every registry change (on every
 * instance) and at most the registry cache's TTL old, so a profile an admin switches off stops
 * being honoured at once.
 */
@ApplicationScoped
public class CompatDirectory {

    @Inject
    Pool pool;
    @Inject
    RegistryChanges changes;
    @Inject
    CompatRepository repository;

    private RegistrySnapshot<View> snapshot;

    /** One consistent reading of the profiles and addresses. */
    public static final class View {
        private final Map<String, CompatProfile> bySystem = new HashMap<>();
        private final Map<String, CompatProfile> byClient = new HashMap<>();
        private final Map<String, CompatAddress> byContext = new HashMap<>();
        private final Map<String, String> systemByFinanceCode = new HashMap<>();
        private final Map<String, CompatAddress> byTranCode = new HashMap<>();

        View(List<CompatRepository.Loaded> profiles, List<CompatAddress> addresses) {
            for (CompatRepository.Loaded loaded : profiles) {
                CompatProfile profile = loaded.profile();
                bySystem.put(profile.systemCode(), profile);
                if (loaded.clientId() != null) {
                    byClient.put(loaded.clientId(), profile);
                }
                if (profile.financeCode() != null) {
                    systemByFinanceCode.put(profile.financeCode().toUpperCase(Locale.ROOT), profile.systemCode());
                }
            }
            for (CompatAddress address : addresses) {
                if (address.context() != null) {
                    byContext.put(address.context().toLowerCase(Locale.ROOT), address);
                }
                if (address.tranCode() != null) {
                    byTranCode.put(tranKey(address.providerCode(), address.tranCode()), address);
                }
            }
        }

        /** The system's profile; everything off when nobody configured one. */
        public CompatProfile profileOf(String systemCode) {
            CompatProfile profile = bySystem.get(systemCode);
            return profile != null ? profile : CompatProfile.none(systemCode);
        }

        /** The profile of the system an OAuth2 client is mapped to, or null. */
        public CompatProfile profileOfClient(String clientId) {
            return clientId == null ? null : byClient.get(clientId);
        }

        /** The service a WSO2 API context names (case-insensitive, as WSO2 matches contexts), or null. */
        public CompatAddress byContext(String context) {
            return byContext.get(context.toLowerCase(Locale.ROOT));
        }

        /**
         * The service a finance-sector {@code RECEIVER_CODE} and {@code TRAN_CODE} name, or null. The
         * receiver is the provider's finance code, or its system code when it has none.
         */
        public CompatAddress byTranCode(String receiverCode, String tranCode) {
            String provider = systemByFinanceCode.get(receiverCode.toUpperCase(Locale.ROOT));
            if (provider == null) {
                String lower = receiverCode.toLowerCase(Locale.ROOT);
                CompatProfile profile = bySystem.get(lower);
                provider = FieldChecks.isSlug(lower) && (profile == null || profile.financeCode() == null) ? lower : null;
            }
            return provider == null ? null : byTranCode.get(tranKey(provider, tranCode));
        }

        private static String tranKey(String provider, String tranCode) {
            return provider + ' ' + tranCode.toUpperCase(Locale.ROOT);
        }
    }

    /**
     * Whether a first path segment could be a service's WSO2 context at all: the hub's own
     * prefixes (health, the API, the console) never wait for the directory, even while the
     * database is away.
     */
    public static boolean mayBeContext(String segment) {
        return CompatAddressInput.CONTEXT.matcher(segment).matches()
                && !CompatAddressInput.RESERVED.contains(segment.toLowerCase(Locale.ROOT));
    }

    @PostConstruct
    void init() {
        snapshot = changes.snapshot(() -> Uni.combine().all()
                .unis(repository.allProfiles(pool), repository.allAddresses(pool))
                .with(View::new));
    }

    /** The current view; loads it when absent or stale. Never blocks. */
    public CompletableFuture<View> view() {
        return snapshot.get();
    }

    /** The current view if it is loaded already, else null (and a load starts): for decisions that cannot wait. */
    public View loaded() {
        CompletableFuture<View> view = snapshot.get();
        return view.isDone() && !view.isCompletedExceptionally() ? view.join() : null;
    }
}
