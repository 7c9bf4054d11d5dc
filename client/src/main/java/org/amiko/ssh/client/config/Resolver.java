package org.amiko.ssh.client.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Walks the command-line options and then the files for one host, as ssh(1) does: a Host or
 * Match line decides whether the lines after it apply, an Include applies its files only where it
 * stands in an applying block, and a block inside an included file never changes whether the
 * including file's block applies. When some Match line names {@code final}, the files are read a
 * second time, keeping what the first pass obtained, with Host patterns matched against the
 * HostName found so far and {@code Match final} holding. One instance per resolve call.
 */
final class Resolver {

    static final String COMMAND_LINE = "command line";

    private final String host;
    private final String localUser;
    /** What Host patterns are matched against: the host as given, then the HostName in the final pass. */
    private String patternHost;
    private boolean finalPass;
    private boolean wantFinalPass;
    private final Settings settings = new Settings();

    /** Whether the lines read now apply, and whether anything can apply at all in this file. */
    private boolean active = true;
    private boolean neverMatch;

    Resolver(String host, String localUser) {
        this.host = host;
        this.localUser = localUser;
        this.patternHost = host;
    }

    Settings resolve(List<String> commandLine, List<ConfigFile> files) throws SshConfigException {
        for (int i = 0; i < commandLine.size(); i++) {
            Optional<ConfigLine> line = ConfigLine.parse(commandLine.get(i), COMMAND_LINE, i + 1);
            if (line.isPresent()) {
                Keyword k = Keyword.find(line.get().keyword()).orElse(null);
                if (k == Keyword.HOST || k == Keyword.MATCH || k == Keyword.INCLUDE) {
                    throw line.get().error(line.get().keyword() + " is not supported as a command-line option");
                }
                directive(line.get());
            }
        }
        walkAll(files);
        if (wantFinalPass) {
            finalPass = true;
            patternHost = targetHost(settings, host);
            walkAll(files);
        }
        return settings;
    }

    private void walkAll(List<ConfigFile> files) throws SshConfigException {
        for (ConfigFile file : files) {
            active = true;
            neverMatch = false;
            walk(file);
        }
    }

    private void walk(ConfigFile file) throws SshConfigException {
        for (ConfigFile.Entry entry : file.entries()) {
            if (entry instanceof ConfigFile.Included included) {
                boolean outerActive = active;
                boolean outerNever = neverMatch;
                for (ConfigFile f : included.files()) {
                    active = outerActive;
                    neverMatch = outerNever || !outerActive;
                    walk(f);
                }
                active = outerActive;
                neverMatch = outerNever;
            } else {
                directive(entry.line());
            }
        }
    }

    private void directive(ConfigLine line) throws SshConfigException {
        Optional<Keyword> keyword = Keyword.find(line.keyword());
        if (keyword.isEmpty()) {
            if (!Keyword.IGNORED.contains(line.keyword()) && !ignoredUnknown(line.keyword())) {
                throw line.error("bad configuration option: " + line.keyword());
            }
            return;
        }
        switch (keyword.get()) {
            case HOST -> active = !neverMatch && hostMatches(line.args());
            case MATCH -> {
                wantFinalPass |= MatchCriteria.namesFinal(line);
                active = MatchCriteria.matches(line, subject(), !neverMatch);
            }
            default -> Options.apply(keyword.get(), line, active, settings);
        }
    }

    private boolean ignoredUnknown(String keyword) {
        String patterns = settings.value(Keyword.IGNORE_UNKNOWN, String.class, null);
        return patterns != null && Patterns.matchesList(keyword, patterns, true);
    }

    /** Host: some pattern matches the host as given, case-sensitively, and no negated one does. */
    private boolean hostMatches(List<String> patterns) {
        boolean matched = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            if (Patterns.matches(patternHost, negated ? p.substring(1) : p)) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    private MatchCriteria.Subject subject() throws SshConfigException {
        return new MatchCriteria.Subject(targetHost(settings, host), host,
                settings.value(Keyword.USER, String.class, localUser), localUser, finalPass);
    }

    /** The host to connect to: HostName so far (with %h) or the host as given, lower-cased. */
    static String targetHost(Settings settings, String host) throws SshConfigException {
        String lower = host.toLowerCase(Locale.ROOT);
        Optional<Settings.Setting> hostName = settings.get(Keyword.HOSTNAME);
        if (hostName.isEmpty()) {
            return lower;
        }
        String name = (String) hostName.get().value();
        return Tokens.percent(name, Map.of('h', lower), hostName.get().line()).toLowerCase(Locale.ROOT);
    }
}
