package org.amiko.ssh.client.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ssh_config(5) keywords amiko acts on, by their lower-case names and old aliases. */
enum Keyword {
    HOST("host"),
    MATCH("match"),
    INCLUDE("include"),
    IGNORE_UNKNOWN("ignoreunknown"),
    HOSTNAME("hostname"),
    HOST_KEY_ALIAS("hostkeyalias"),
    PORT("port"),
    USER("user"),
    IDENTITY_FILE("identityfile"),
    IDENTITIES_ONLY("identitiesonly"),
    IDENTITY_AGENT("identityagent"),
    STRICT_HOST_KEY_CHECKING("stricthostkeychecking"),
    USER_KNOWN_HOSTS_FILE("userknownhostsfile"),
    GLOBAL_KNOWN_HOSTS_FILE("globalknownhostsfile"),
    HASH_KNOWN_HOSTS("hashknownhosts"),
    PROXY_JUMP("proxyjump"),
    CONNECT_TIMEOUT("connecttimeout"),
    SERVER_ALIVE_INTERVAL("serveraliveinterval"),
    SERVER_ALIVE_COUNT_MAX("serveralivecountmax"),
    COMPRESSION("compression"),
    KEX_ALGORITHMS("kexalgorithms"),
    CIPHERS("ciphers"),
    MACS("macs"),
    HOST_KEY_ALGORITHMS("hostkeyalgorithms"),
    PUBKEY_ACCEPTED_ALGORITHMS("pubkeyacceptedalgorithms", "pubkeyacceptedkeytypes"),
    PREFERRED_AUTHENTICATIONS("preferredauthentications"),
    PASSWORD_AUTHENTICATION("passwordauthentication"),
    PUBKEY_AUTHENTICATION("pubkeyauthentication"),
    KBD_INTERACTIVE_AUTHENTICATION("kbdinteractiveauthentication", "challengeresponseauthentication"),
    REKEY_LIMIT("rekeylimit"),
    BATCH_MODE("batchmode"),
    LOG_LEVEL("loglevel");

    /**
     * Keywords OpenSSH 9.x accepts (current, Debian's GSSAPI additions, deprecated and removed
     * ones it still tolerates) that amiko parses and ignores.
     */
    static final Set<String> IGNORED = Set.of(
            "addkeystoagent", "addressfamily", "bindaddress", "bindinterface", "canonicaldomains",
            "canonicalizefallbacklocal", "canonicalizehostname", "canonicalizemaxdots",
            "canonicalizepermittedcnames", "casignaturealgorithms", "certificatefile", "channeltimeout",
            "checkhostip", "clearallforwardings", "connectionattempts", "controlmaster", "controlpath",
            "controlpersist", "dynamicforward", "enableescapecommandline", "enablesshkeysign", "escapechar",
            "exitonforwardfailure", "fingerprinthash", "forkafterauthentication", "forwardagent",
            "forwardx11", "forwardx11timeout", "forwardx11trusted", "gatewayports",
            "gssapiauthentication", "gssapiclientidentity", "gssapidelegatecredentials",
            "gssapikeyexchange", "gssapirenewalforcesrekey", "gssapiserveridentity", "gssapitrustdns",
            "gssapikexalgorithms", "hostbasedacceptedalgorithms", "hostbasedkeytypes",
            "hostbasedauthentication", "ipqos", "kbdinteractivedevices", "knownhostscommand",
            "localcommand", "localforward", "logverbose", "nohostauthenticationforlocalhost",
            "numberofpasswordprompts", "obscurekeystroketiming", "permitlocalcommand", "permitremoteopen",
            "pkcs11provider", "proxycommand", "proxyusefdpass", "remotecommand", "remoteforward",
            "requesttty", "requiredrsasize", "revokedhostkeys", "securitykeyprovider", "sendenv",
            "sessiontype", "setenv", "smartcarddevice", "stdinnull", "streamlocalbindmask",
            "streamlocalbindunlink", "syslogfacility", "tag", "tcpkeepalive", "keepalive", "tunnel",
            "tunneldevice", "updatehostkeys", "verifyhostkeydns", "visualhostkey", "xauthlocation",
            "usekeychain", "refuseconnection", "warnweakcrypto", "versionaddendum",
            // deprecated or removed, still tolerated by OpenSSH with a message
            "protocol", "cipher", "useprivilegedport", "rsaauthentication", "rhostsrsaauthentication",
            "compressionlevel", "userknownhostsfile2", "globalknownhostsfile2", "dsaauthentication",
            "rhostsauthentication", "usersh", "fallbacktorsh", "useroaming", "skeyauthentication",
            "tisauthentication", "kerberosauthentication", "kerberostgtpassing", "afstokenpassing",
            "useblacklistedkeys");

    private static final Map<String, Keyword> BY_NAME = new HashMap<>();

    static {
        for (Keyword k : values()) {
            for (String name : k.names) {
                BY_NAME.put(name, k);
            }
        }
    }

    private final String[] names;

    Keyword(String... names) {
        this.names = names;
    }

    /** The keyword for a lower-case name, empty for one amiko ignores or OpenSSH does not know. */
    static Optional<Keyword> find(String lowerCaseName) {
        return Optional.ofNullable(BY_NAME.get(lowerCaseName));
    }

    /** The lower-case name as ssh_config(5) and {@code ssh -G} spell it. */
    String canonicalName() {
        return names[0];
    }
}
