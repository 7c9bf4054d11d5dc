package org.amiko.ssh.auth.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The methods a user must pass, as sshd's AuthenticationMethods has them (sshd_config(5)): one or
 * more chains, each a list of methods that must all succeed in the order given; authentication
 * is complete when any one chain is. A method may be tried only while it is the next method of
 * some chain; a method that would advance no chain is refused before it is tried, so no sequence
 * of requests can complete a chain out of order or with a method the chain does not name.
 *
 * <p>Without configured chains, every offered method is a chain of its own (any one suffices).
 * I/O-free; one instance per connection, used only by the thread that runs authentication.
 */
final class MethodChains {

    private final List<List<String>> chains;
    /** For each chain, how many of its methods have succeeded, in order. */
    private final int[] progress;
    private final List<String> succeeded = new ArrayList<>();

    /**
     * @param chains the configured chains, or null for "any one of {@code offered}"
     * @param offered the methods with a checker, in the order they are announced
     */
    MethodChains(List<List<String>> chains, List<String> offered) {
        this.chains = chains != null ? List.copyOf(chains) : offered.stream().map(List::of).toList();
        this.progress = new int[this.chains.size()];
    }

    /** Whether {@code method} may be tried now: it is the next method of at least one chain. */
    boolean allows(String method) {
        for (int i = 0; i < chains.size(); i++) {
            List<String> chain = chains.get(i);
            if (progress[i] < chain.size() && chain.get(progress[i]).equals(method)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records that {@code method}, which {@link #allows} allowed, succeeded: it advances every
     * chain it is next in (sshd's auth2_update_methods_lists).
     *
     * @return true when a chain is now complete
     */
    boolean succeeded(String method) {
        if (!allows(method)) {
            throw new IllegalStateException(method + " advances no chain");
        }
        succeeded.add(method);
        boolean complete = false;
        for (int i = 0; i < chains.size(); i++) {
            List<String> chain = chains.get(i);
            if (progress[i] < chain.size() && chain.get(progress[i]).equals(method)) {
                progress[i]++;
                complete |= progress[i] == chain.size();
            }
        }
        return complete;
    }

    /** The methods that can continue (RFC 4252 §5.1): the next method of each chain, once each, in chain order. */
    List<String> next() {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < chains.size(); i++) {
            List<String> chain = chains.get(i);
            if (progress[i] < chain.size()) {
                out.add(chain.get(progress[i]));
            }
        }
        return List.copyOf(out);
    }

    /** The methods that have succeeded so far, in order. */
    List<String> succeeded() {
        return List.copyOf(succeeded);
    }
}
