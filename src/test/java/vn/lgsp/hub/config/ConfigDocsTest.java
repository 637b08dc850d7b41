package vn.lgsp.hub.config;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.smallrye.config.ConfigMapping;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every key of every {@code @ConfigMapping} is listed in docs/configuration.md. */
class ConfigDocsTest {

    @Test
    void everyConfigurationKeyIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        List<String> missing = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("vn.lgsp.hub")) {
            if (type.isAnnotatedWith(ConfigMapping.class)) {
                Class<?> mapping = type.reflect();
                keys(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, missing, docs);
            }
        }
        assertTrue(missing.isEmpty(), "undocumented configuration keys: " + missing);
    }

    private static void keys(String prefix, Class<?> type, List<String> missing, String docs) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String key = prefix + "." + kebab(method.getName());
            Class<?> returned = method.getReturnType();
            if (returned.isInterface() && returned != Optional.class && returned != List.class && returned != Map.class
                    && returned.getName().startsWith("vn.lgsp")) {
                keys(key, returned, missing, docs);
            } else if (!docs.contains("`" + key + "`")) {
                missing.add(key);
            }
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
