package org.amiko.ssh.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * The channels of one connection by local number: the lowest free number is handed out (so
 * numbers are reused once both CLOSEs are through), and at most {@code max} are in use.
 * Thread-safe.
 */
final class ChannelTable {

    private final int max;
    private final ArrayList<Channel> slots = new ArrayList<>(); // guarded by this
    private int count;

    ChannelTable(int max) {
        this.max = max;
    }

    /** Creates a channel under the lowest free number; null when all {@code max} are in use. */
    synchronized Channel allocate(java.util.function.IntFunction<Channel> create) {
        if (count >= max) {
            return null;
        }
        int id = slots.indexOf(null);
        if (id < 0) {
            id = slots.size();
            slots.add(null);
        }
        Channel c = create.apply(id);
        slots.set(id, c);
        count++;
        return c;
    }

    synchronized Channel get(int id) {
        return id >= 0 && id < slots.size() ? slots.get(id) : null;
    }

    synchronized void remove(Channel c) {
        int id = c.localId();
        if (id < slots.size() && slots.get(id) == c) {
            slots.set(id, null);
            count--;
        }
    }

    synchronized int size() {
        return count;
    }

    synchronized List<Channel> all() {
        List<Channel> list = new ArrayList<>();
        for (Channel c : slots) {
            if (c != null) {
                list.add(c);
            }
        }
        return list;
    }
}
