package org.amiko.ssh.cli;

/**
 * {@code bin/amiko}: {@code --demo} replays the walkthrough against the embedded test server;
 * anything else is the ssh(1)-compatible command line ({@link AmikoCommand}).
 */
public final class Amiko {

    private Amiko() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--demo")) {
            WalkthroughDemo.main(new String[0]);
            return;
        }
        System.out.flush();
        System.exit(AmikoCommand.run(args));
    }
}
