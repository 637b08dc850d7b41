package vn.lgsp.hub.console;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages load Chart.js from the WebJar the build ships (same version in the pom and in ConsoleAssets). */
class ConsoleAssetsTest {

    @Test
    void chartJsIsServedFromTheBundledWebJar() throws Exception {
        String resource = "META-INF/resources" + ConsoleAssets.CHART_JS;
        assertNotNull(getClass().getClassLoader().getResource(resource), resource + " is not on the class path");
        String version = ConsoleAssets.CHART_JS.split("/")[3];
        assertTrue(Files.readString(Path.of("pom.xml")).contains("<chartjs.version>" + version + "</chartjs.version>"));
    }
}
