package vn.lgsp.hub.console;

/** The signed-in user's roles do not allow this page or action: the console answers 403. */
public class ConsoleForbidden extends RuntimeException {

    public ConsoleForbidden(String why) {
        super(why, null, false, false);
    }
}
