package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

/**
 * The connection tally of the overview: how many listed systems the connection report finds
 * connected (from probes and traffic), out of how many, and how many are registered at all.
 */
@TemplateData
public record ConnectionTally(int connected, int listed, int registered) {
}
