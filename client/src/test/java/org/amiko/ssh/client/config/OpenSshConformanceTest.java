package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * amiko's resolver against OpenSSH's own: {@code ssh -G -F file host} prints the effective
 * configuration; for generated configs and hosts the options both understand must agree. ssh
 * expands {@code ~} to the home of the user running it, so amiko is given that same home and user.
 */
class OpenSshConformanceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> HOSTS =
            List.of("alpha", "Alpha", "beta1", "beta2", "web.example.com", "gamma7", "10.1.2.3");
    private static final Path HOME = Path.of(System.getProperty("user.home"));
    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path dir;

    @Test
    void generatedConfigsResolveAsSshDoes() throws Exception {
        int compared = 0;
        for (int seed = 1; seed <= 12; seed++) {
            Random r = new Random(seed);
            String config = generate(r);
            Path file = dir.resolve("config" + seed);
            Files.writeString(file, config);
            SshConfig ours = SshConfig.load(file, HOME, USER);
            for (String host : HOSTS) {
                List<String> options = r.nextInt(3) == 0 ? List.of("Port=" + (1000 + r.nextInt(1000))) : List.of();
                compare(file, config, ours, host, options);
                compared++;
            }
        }
        assertEquals(12 * HOSTS.size(), compared);
    }

    @Test
    void handWrittenCornerCases() throws Exception {
        String config = """
                Host bastion
                    User jump
                Host * !bastion
                    ProxyJump ops@bastion:2222,ssh://second:23,[::1]
                Host alpha
                    HostName %h.internal.Example
                    IdentityFile ~/.ssh/id_%h_%r
                    IdentityFile /keys/%p/%u
                    IdentityFile /keys/%p/%u
                Match host *.internal.example user deploy
                    Port 2200
                Match originalhost ALPHA
                    ServerAliveInterval 1m30s
                    UserKnownHostsFile ~/kh/%h /dev/null "/odd dir/%u"
                Host *
                    User=deploy
                    ConnectTimeout = 1h
                    StrictHostKeyChecking off
                    Compression yes
                    BatchMode TRUE
                    ServerAliveCountMax 0
                """;
        Path file = dir.resolve("corners");
        Files.writeString(file, config);
        SshConfig ours = SshConfig.load(file, HOME, USER);
        for (String host : List.of("alpha", "ALPHA", "bastion", "other")) {
            compare(file, config, ours, host, List.of());
            compare(file, config, ours, host, List.of("User=deploy", "Port 7"));
        }
    }

    @Test
    void configsSshRefusesAreRefusedAtTheSameLine() throws Exception {
        List<String> bad = List.of("Port 0\n", "Host x\n Port 22 23\n", "\nFrobnicate yes\n", "Compression true\n",
                "User \"open\n", "Host x\nPort\n", "Match all host x\n", "RekeyLimit 10\n", "ConnectTimeout soon\n",
                "Ciphers aes256-ctrr\n", "StrictHostKeyChecking sometimes\n");
        int i = 0;
        for (String config : bad) {
            Path file = dir.resolve("bad" + i++);
            Files.writeString(file, config);
            Command.Result ssh = Command.run(WAIT, List.of(Peers.ssh().toString(), "-G", "-F", file.toString(), "h"));
            assertEquals(255, ssh.exitCode(), "ssh accepted " + config + ssh.stdout());
            Matcher m = Pattern.compile("line (\\d+)").matcher(ssh.stderr());
            assertTrue(m.find(), ssh.stderr());
            SshConfigException e = org.junit.jupiter.api.Assertions.assertThrows(SshConfigException.class,
                    () -> SshConfig.load(file, HOME, USER).resolve("h", List.of()), config);
            assertEquals(Integer.parseInt(m.group(1)), e.line(), config + " -> " + e.getMessage());
            assertEquals(file.toString(), e.source());
        }
    }

    /** The system file openssh-client installs (Debian's has an Include, SendEnv, GSSAPI options). */
    @Test
    void theSystemFileResolvesAsSshDoes() throws Exception {
        Path system = Path.of("/etc/ssh/ssh_config");
        assertTrue(Files.isRegularFile(system), "no " + system + ": install openssh-client");
        SshConfig ours = SshConfig.load(system, HOME, USER);
        for (String host : HOSTS) {
            compare(system, Files.readString(system), ours, host, List.of());
        }
    }

    private static void compare(Path file, String config, SshConfig ours, String host, List<String> options)
            throws Exception {
        List<String> argv = new ArrayList<>(List.of(Peers.ssh().toString(), "-G", "-F", file.toString()));
        for (String o : options) {
            argv.add("-o");
            argv.add(o);
        }
        argv.add(host);
        Map<String, List<String>> ssh = parse(Command.run(WAIT, argv).requireSuccess().stdout());
        HostConfig h = ours.resolve(host, options);
        String where = "host " + host + " options " + options + " in\n" + config;
        assertEquals(one(ssh, "hostname"), h.hostName(), where);
        assertEquals(one(ssh, "port"), Integer.toString(h.port()), where);
        assertEquals(one(ssh, "user"), h.user(), where);
        List<String> sshIds = ssh.getOrDefault("identityfile", List.of());
        if (h.identityFiles().isEmpty()) {
            assertTrue(sshIds.stream().allMatch(f -> f.startsWith("~/.ssh/id_")), "ssh's defaults " + sshIds + where);
        } else {
            List<String> expanded = sshIds.stream().map(f -> expand(f, ssh)).toList();
            assertEquals(expanded, h.identityFiles().stream().map(Path::toString).toList(), where);
        }
        String known = one(ssh, "userknownhostsfile");
        assertEquals(known.equals("none") ? "" : known,
                h.userKnownHostsFiles().stream().map(Path::toString).collect(Collectors.joining(" ")), where);
        assertEquals(one(ssh, "stricthostkeychecking"), switch (h.strictHostKeyChecking()) {
            case YES -> "true";
            case NO -> "false";
            case ASK -> "ask";
            case ACCEPT_NEW -> "accept-new";
        }, where);
        assertEquals(one(ssh, "serveraliveinterval"), Long.toString(h.serverAliveInterval().toSeconds()), where);
        assertEquals(one(ssh, "serveralivecountmax"), Integer.toString(h.serverAliveCountMax()), where);
        assertEquals(one(ssh, "compression"), h.compression() ? "yes" : "no", where);
        assertEquals(one(ssh, "batchmode"), h.batchMode() ? "yes" : "no", where);
        assertEquals(one(ssh, "connecttimeout"),
                h.connectTimeout().map(d -> Long.toString(d.toSeconds())).orElse("none"), where);
        // ssh -G normalises only the last hop (the one it dials itself) and prints the others as written
        assertEquals(ssh.getOrDefault("proxyjump", List.of("")).get(0).replace("ssh://", ""),
                h.proxyJump().stream().map(JumpHost::toString).collect(Collectors.joining(",")), where);
    }

    /** ssh -G (9.x) prints IdentityFile as written: expand it here from what ssh itself printed. */
    private static String expand(String f, Map<String, List<String>> ssh) {
        String s = f.startsWith("~/") ? HOME + f.substring(1) : f;
        return s.replace("%%", "\0").replace("%h", one(ssh, "hostname")).replace("%p", one(ssh, "port"))
                .replace("%r", one(ssh, "user")).replace("%u", USER).replace("%d", HOME.toString())
                .replace("\0", "%");
    }

    private static String one(Map<String, List<String>> ssh, String key) {
        List<String> v = ssh.get(key);
        if (v == null || v.size() != 1) {
            throw new AssertionError("ssh -G printed " + key + " " + v);
        }
        return v.get(0);
    }

    private static Map<String, List<String>> parse(String out) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.split(" ", 2);
            if (kv.length == 2) {
                m.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
            }
        }
        return m;
    }

    // ---- the generator: blocks of random headers and option lines, written in varied syntax ----

    private static final List<String> HEADERS = List.of("Host alpha", "Host beta*", "Host *.example.com gamma?",
            "Host * !beta2", "Host *", "Host ALPHA", "Host 10.1.*", "Match host *.d1,web.*", "Match originalhost alpha",
            "Match user u1", "Match user u2 host beta*", "Match all", "Match !host alpha", "Match localuser " + USER,
            "Match final", "Match canonical");

    private static String generate(Random r) {
        StringBuilder sb = new StringBuilder("# generated\n");
        for (int i = r.nextInt(3); i > 0; i--) {
            sb.append(option(r)).append('\n');
        }
        for (int b = 2 + r.nextInt(5); b > 0; b--) {
            sb.append(pick(r, HEADERS)).append('\n');
            for (int i = 1 + r.nextInt(4); i > 0; i--) {
                sb.append("    ").append(option(r)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String option(Random r) {
        String[] kv = switch (r.nextInt(14)) {
            case 0 -> new String[] {"Port", Integer.toString(1 + r.nextInt(65535))};
            case 1 -> new String[] {"User", "u" + r.nextInt(3)};
            case 2 -> new String[] {"HostName", pick(r, List.of("%h.d1", "real" + r.nextInt(3), "Upper.%h"))};
            case 3 -> new String[] {"IdentityFile", pick(r, List.of("/keys/%h/%r/id" + r.nextInt(3),
                    "~/.ssh/id" + r.nextInt(3), "/keys/%p_%u_%d", "\"/keys/with space\"", "/k/100%%"))};
            case 4 -> new String[] {"UserKnownHostsFile", pick(r, List.of("/kh/%h ~/kh2", "none", "/dev/null",
                    "~/.ssh/known_%u", "%d/kh/%r"))};
            case 5 -> new String[] {"StrictHostKeyChecking", pick(r, List.of("yes", "no", "off", "accept-new", "ask",
                    "true", "FALSE"))};
            case 6 -> new String[] {"ServerAliveInterval", pick(r, List.of("0", "15", "1m", "1h30m", "2M5s"))};
            case 7 -> new String[] {"ServerAliveCountMax", Integer.toString(r.nextInt(10))};
            case 8 -> new String[] {"Compression", pick(r, List.of("yes", "no", "YES"))};
            case 9 -> new String[] {"ProxyJump", pick(r, List.of("none", "j1", "u@j2:2200", "j1,u@j2:22", "[::1]:2"))};
            case 10 -> new String[] {"BatchMode", pick(r, List.of("yes", "no", "true", "false"))};
            case 11 -> new String[] {"ConnectTimeout", pick(r, List.of("none", "5", "2m", "1h1s"))};
            case 12 -> new String[] {pick(r, List.of("SendEnv", "ForwardAgent", "GSSAPIAuthentication")), "no"};
            default -> new String[] {"Ciphers", pick(r, List.of("+aes128-cbc", "-aes*-ctr", "^aes256-ctr"))};
        };
        String keyword = switch (r.nextInt(3)) {
            case 0 -> kv[0].toLowerCase(java.util.Locale.ROOT);
            case 1 -> kv[0].toUpperCase(java.util.Locale.ROOT);
            default -> kv[0];
        };
        return keyword + pick(r, List.of(" ", "=", " = ", "\t")) + kv[1];
    }

    private static String pick(Random r, List<String> choices) {
        return choices.get(r.nextInt(choices.size()));
    }
}
