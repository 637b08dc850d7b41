package vn.lgsp.hub.connectors.kafka;

import vn.lgsp.hub.connector.spi.SettingProblem;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An endpoint address {@code kafka://host:port/request-topic?replyTopic=reply-topic}: the broker to
 * bootstrap from, the topic requests are written to and, for request/reply, the topic the
 * provider answers on. Without {@code replyTopic} the endpoint is one-way (answered 202).
 */
record KafkaAddress(String bootstrap, String requestTopic, String replyTopic) {

    private static final Pattern TOPIC = Pattern.compile("^[A-Za-z0-9._-]{1,249}$");

    static List<SettingProblem> problems(URI address) {
        List<SettingProblem> problems = new ArrayList<>();
        if (address == null || !"kafka".equalsIgnoreCase(address.getScheme())) {
            problems.add(new SettingProblem("address", "unsupported-scheme", "address must be kafka://host:port/request-topic"));
            return problems;
        }
        if (address.getHost() == null || address.getPort() <= 0) {
            problems.add(new SettingProblem("address", "invalid-address", "address must name the broker's host and port"));
        }
        if (address.getUserInfo() != null) {
            problems.add(new SettingProblem("address", "userinfo-not-allowed", "put credentials in auth, never in the address"));
        }
        if (address.getFragment() != null) {
            problems.add(new SettingProblem("address", "fragment-not-allowed", "address must not have a fragment"));
        }
        String path = address.getPath() == null ? "" : address.getPath();
        if (path.length() < 2 || !TOPIC.matcher(path.substring(1)).matches()) {
            problems.add(new SettingProblem("address", "invalid-topic", "the path must be one topic name: letters, digits, . _ -"));
        }
        String query = address.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (!"replyTopic".equals(name)) {
                    problems.add(new SettingProblem("address", "unknown-parameter", "the only address parameter is replyTopic"));
                } else if (!TOPIC.matcher(value).matches()) {
                    problems.add(new SettingProblem("address", "invalid-topic", "replyTopic must be a topic name: letters, digits, . _ -"));
                }
            }
        }
        return problems;
    }

    static KafkaAddress parse(URI address) {
        if (!problems(address).isEmpty()) {
            throw new IllegalArgumentException("not a usable kafka address");
        }
        String reply = null;
        if (address.getRawQuery() != null) {
            String query = address.getRawQuery();
            reply = URLDecoder.decode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8);
        }
        return new KafkaAddress(address.getHost() + ":" + address.getPort(), address.getPath().substring(1), reply);
    }

    boolean oneWay() {
        return replyTopic == null;
    }
}
