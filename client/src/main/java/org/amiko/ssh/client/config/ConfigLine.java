package org.amiko.ssh.client.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One ssh_config(5) line split into its lower-cased keyword and its arguments: "Keyword value"
 * or "Keyword=value" (whitespace and at most one {@code =}), arguments in double or single quotes
 * may hold spaces, a backslash escapes a quote, a backslash or a space, and an argument starting
 * with {@code #} ends the line.
 */
record ConfigLine(String keyword, List<String> args, String source, int number) {

    ConfigLine {
        args = List.copyOf(args);
    }

    /** The line's words, or empty for a blank line or a comment. */
    static Optional<ConfigLine> parse(String text, String source, int number) throws SshConfigException {
        String s = text.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return Optional.empty();
        }
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '=') {
            end++;
        }
        String keyword = s.substring(0, end).toLowerCase(Locale.ROOT);
        int i = skipSpaces(s, end);
        if (i < s.length() && s.charAt(i) == '=') {
            i = skipSpaces(s, i + 1);
        }
        List<String> args = split(s.substring(i), source, number);
        if (keyword.isEmpty()) {
            throw new SshConfigException(source, number, "no keyword before '='");
        }
        if (args.isEmpty()) {
            throw new SshConfigException(source, number, "no argument after keyword \"" + keyword + "\"");
        }
        return Optional.of(new ConfigLine(keyword, args, source, number));
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static List<String> split(String s, String source, int number) throws SshConfigException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (true) {
            i = skipSpaces(s, i);
            if (i >= s.length() || s.charAt(i) == '#') {
                return out;
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quote == 0 && Character.isWhitespace(c)) {
                    break;
                }
                if (c == '\\' && i + 1 < s.length() && "\\\"' ".indexOf(s.charAt(i + 1)) >= 0) {
                    word.append(s.charAt(++i));
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            }
            if (quote != 0) {
                throw new SshConfigException(source, number, "invalid quotes");
            }
            out.add(word.toString());
        }
    }

    /** The only argument, or an exception when there are more. */
    String single() throws SshConfigException {
        if (args.size() > 1) {
            throw error("keyword " + keyword + " has extra arguments at end of line");
        }
        return args.get(0);
    }

    SshConfigException error(String problem) {
        return new SshConfigException(source, number, problem);
    }
}
