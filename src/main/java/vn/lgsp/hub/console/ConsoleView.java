package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import java.util.Locale;

/**
 * What every console page needs besides its own data: who is signed in (null on the log-in
 * page), the language, the formatter, this user's CSRF token for forms, and which section of the
 * navigation is current.
 */
@TemplateData
public record ConsoleView(ConsoleUser user, Locale locale, ConsoleFormat fmt, String csrf, String section) {

    public String lang() {
        return locale.getLanguage().equals("en") ? "en" : "vi";
    }

    public boolean english() {
        return lang().equals("en");
    }

    public boolean canWatch() {
        return user != null && user.canWatch();
    }

    public boolean canManage() {
        return user != null && user.canManage();
    }

    public boolean isAdmin() {
        return user != null && user.isAdmin();
    }

    /** Whether the user may manage what belongs to this organisation (the API checks again). */
    public boolean owns(String ownerOrg) {
        return user != null && user.owns(ownerOrg);
    }

    /** {@code aria-current="page"} for the navigation link of this section. */
    public String current(String name) {
        return name.equals(section) ? "page" : "false";
    }

    /** A name in the page's language, falling back to the Vietnamese one. */
    public String pick(String vi, String en) {
        return english() && en != null && !en.isBlank() ? en : vi;
    }

    public String rolesText() {
        return user == null ? "" : String.join(", ", user.roles().stream().sorted().toList());
    }
}
