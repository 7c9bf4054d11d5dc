package org.amiko.ssh.transport.message;

/** RFC 4250 §4.1: the name of each message number, for traces and error messages. */
public final class MessageNames {

    private MessageNames() {
    }

    private static final String[] NAMES = new String[256];

    static {
        String[][] table = {
            {"1", "SSH_MSG_DISCONNECT"}, {"2", "SSH_MSG_IGNORE"}, {"3", "SSH_MSG_UNIMPLEMENTED"},
            {"4", "SSH_MSG_DEBUG"}, {"5", "SSH_MSG_SERVICE_REQUEST"}, {"6", "SSH_MSG_SERVICE_ACCEPT"},
            {"7", "SSH_MSG_EXT_INFO"}, {"8", "SSH_MSG_NEWCOMPRESS"},
            {"20", "SSH_MSG_KEXINIT"}, {"21", "SSH_MSG_NEWKEYS"},
            {"50", "SSH_MSG_USERAUTH_REQUEST"}, {"51", "SSH_MSG_USERAUTH_FAILURE"},
            {"52", "SSH_MSG_USERAUTH_SUCCESS"}, {"53", "SSH_MSG_USERAUTH_BANNER"},
            {"80", "SSH_MSG_GLOBAL_REQUEST"}, {"81", "SSH_MSG_REQUEST_SUCCESS"}, {"82", "SSH_MSG_REQUEST_FAILURE"},
            {"90", "SSH_MSG_CHANNEL_OPEN"}, {"91", "SSH_MSG_CHANNEL_OPEN_CONFIRMATION"},
            {"92", "SSH_MSG_CHANNEL_OPEN_FAILURE"}, {"93", "SSH_MSG_CHANNEL_WINDOW_ADJUST"},
            {"94", "SSH_MSG_CHANNEL_DATA"}, {"95", "SSH_MSG_CHANNEL_EXTENDED_DATA"},
            {"96", "SSH_MSG_CHANNEL_EOF"}, {"97", "SSH_MSG_CHANNEL_CLOSE"}, {"98", "SSH_MSG_CHANNEL_REQUEST"},
            {"99", "SSH_MSG_CHANNEL_SUCCESS"}, {"100", "SSH_MSG_CHANNEL_FAILURE"},
        };
        for (String[] row : table) {
            NAMES[Integer.parseInt(row[0])] = row[1];
        }
    }

    /**
     * The name of a message number. Numbers 30-49 belong to the key exchange method and 60-79
     * to the authentication method in use (RFC 4250 §4.1.2), so they are named by range.
     */
    public static String of(int number) {
        int n = number & 0xff;
        if (NAMES[n] != null) {
            return NAMES[n];
        }
        if (n >= 30 && n <= 49) {
            return "key exchange message " + n;
        }
        if (n >= 60 && n <= 79) {
            return "user authentication message " + n;
        }
        return "message " + n;
    }
}
