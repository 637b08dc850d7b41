package vn.lgsp.hub.api;

import java.util.List;

/** One page of a list; {@code total} counts every match, not only this page. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
