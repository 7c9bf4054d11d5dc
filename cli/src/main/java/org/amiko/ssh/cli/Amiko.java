package org.amiko.ssh.cli;

/**
 * {@code bin/amiko}: today only {@code --demo} (the walkthrough against the embedded test
 * server); the ssh(1)-compatible command line comes with the rest of the client issue.
 */
public final class Amiko {

    private Amiko() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--demo")) {
            WalkthroughDemo.main(new String[0]);
            return;
        }
        System.err.println("usage: amiko --demo   (the ssh-compatible options are not built yet)");
        System.exit(255);
    }
}
