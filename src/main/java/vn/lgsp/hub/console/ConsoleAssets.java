package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateGlobal;

/** Where the pages load their scripts from: all served by the hub itself, no CDN. */
@TemplateGlobal
public final class ConsoleAssets {

    /**
     * Chart.js from its WebJar (org.webjars.npm:chart.js, version {@code chartjs.version} in the
     * pom; ConsoleAssetsTest fails if the two drift apart).
     */
    public static final String CHART_JS = "/webjars/chart.js/4.4.1/dist/chart.umd.js";

    private ConsoleAssets() {
    }
}
