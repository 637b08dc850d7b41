package vn.lgsp.hub.console;

/** Nobody is signed in (never past the console's HTTP permission, kept as a second guard): sent to /console, which signs in. */
public class ConsoleSignInRequired extends RuntimeException {

    public ConsoleSignInRequired() {
        super("sign in to use the console", null, false, false);
    }
}
