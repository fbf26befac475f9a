package dev.msgtrans.testkit.broken;

import dev.msgtrans.core.spi.RequestTracker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * CONTROL, deliberately unsafe: a plain {@link HashMap}, a plain id counter, and the original's bug of silently
 * overwriting a colliding pending id (the overwritten request never completes). Correct from one thread with
 * distinct keys; concurrently, ids repeat, entries are lost, and a request can be completed by two callers that both
 * saw its entry before either removed it.
 */
final class BrokenRequestTracker<T> implements RequestTracker<T> {

    private final HashMap<Long, Pending<T>> pending = new HashMap<>();
    private int nextId;

    private record Pending<T>(CompletableFuture<T> future, long deadlineNanos) {
    }

    @Override
    public int nextMessageId() {
        int id = ++nextId;
        if (id == 0) {
            id = ++nextId;
        }
        return id;
    }

    @Override
    public CompletableFuture<T> register(long key, long deadlineNanos) {
        CompletableFuture<T> f = new CompletableFuture<>();
        pending.put(key, new Pending<>(f, deadlineNanos)); // the original's silent overwrite
        return f;
    }

    @Override
    public boolean complete(long key, T response) {
        Pending<T> p = pending.get(key);
        if (p == null) {
            return false;
        }
        pending.remove(key);
        p.future().complete(response);
        return true; // claims success even when another caller completed the future first
    }

    @Override
    public boolean fail(long key, Throwable cause) {
        Pending<T> p = pending.get(key);
        if (p == null) {
            return false;
        }
        pending.remove(key);
        p.future().completeExceptionally(cause);
        return true;
    }

    @Override
    public int expire(long nowNanos) {
        List<Long> due = new ArrayList<>();
        for (Map.Entry<Long, Pending<T>> e : pending.entrySet()) {
            if (e.getValue().deadlineNanos() - nowNanos < 0) {
                due.add(e.getKey());
            }
        }
        int n = 0;
        for (Long key : due) {
            if (fail(key, new TimeoutException("request " + key + " timed out"))) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int failAll(Throwable cause) {
        List<Long> keys = new ArrayList<>(pending.keySet());
        int n = 0;
        for (Long key : keys) {
            if (fail(key, cause)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int pending() {
        return pending.size();
    }
}
