package vn.lgsp.hub.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.lgsp.hub.testing.ConsoleAccount;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver at fixed paths, so Selenium
 * Manager never downloads anything), with a fresh profile that is deleted on close, and helpers
 * for the console: log-in through the identity provider's own page (Keycloak), waits, screenshots.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriver driver;
    private final String base;
    private final Path screenshots;

    ConsoleBrowser(String base) throws IOException {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.profile = Files.createTempDirectory("lgsp-console-chromium");
        this.screenshots = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=vi-VN", "--user-data-dir=" + profile);
        // Vietnamese first, as the province's operators browse (headless ignores --lang for Accept-Language)
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "vi-VN,vi,en"));
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, 1000));
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    String base() {
        return base;
    }

    /**
     * Signs in as {@code account} through the real log-in page: opens the console, which sends the
     * browser to Keycloak (authorization code flow with PKCE), fills Keycloak's form and waits to
     * be back on the console. Every cookie (the provider's too) is cleared first, so no earlier
     * single sign-on session answers instead.
     */
    void logIn(ConsoleAccount account) {
        clearCookies();
        open("/console");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        fill("username", account.username);
        fill("password", account.password());
        driver.findElement(By.id("kc-login")).click();
        waitFor(ExpectedConditions.urlContains(base + "/console/"));
    }

    /** Every cookie of every site (the identity provider's too), which Selenium's deleteAllCookies does not reach. */
    void clearCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    void fill(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            // the whole page, not only the window: resize to the document's height first
            Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(1366, Math.min(4000, Math.max(800, height.intValue()))));
            Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new Dimension(1366, 1000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
