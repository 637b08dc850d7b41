package vn.lgsp.hub.bench;

import java.util.Map;

/** One request shape a load generator repeats: the same for the closed-loop (wrk) and fixed-rate runs. */
record LoadRequest(String method, String path, Map<String, String> headers, String body) {

    static LoadRequest get(String path, Map<String, String> headers) {
        return new LoadRequest("GET", path, headers, null);
    }

    static LoadRequest post(String path, Map<String, String> headers, String body) {
        return new LoadRequest("POST", path, headers, body);
    }
}
