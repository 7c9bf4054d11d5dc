package org.amiko.ssh.auth.keys;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM armor of key files (RFC 7468; RFC 1421 §4.6 for the {@code Proc-Type} and {@code
 * DEK-Info} headers of legacy encrypted keys): {@code -----BEGIN LABEL-----}, optional headers,
 * base64 lines, {@code -----END LABEL-----}.
 */
final class Pem {

    /** One armored block: its label, its headers in file order, its decoded body. */
    record Block(String label, Map<String, String> headers, byte[] body) {
    }

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([^-]+(?:-[^-]+)*)-----");
    private static final Pattern HEADER = Pattern.compile("([A-Za-z0-9-]+):\\s*(.*)");

    private Pem() {
    }

    /** True when the text has a BEGIN line, i.e. the file means to be PEM. */
    static boolean looksLikePem(String text) {
        return text.contains("-----BEGIN ");
    }

    /** Every block of the text, in order; text outside the blocks is ignored (RFC 7468 §2). */
    static List<Block> parse(String text) throws Malformed {
        String[] lines = text.split("\r?\n|\r", -1);
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            Matcher begin = BEGIN.matcher(lines[i].strip());
            if (!begin.matches()) {
                i++;
                continue;
            }
            String label = begin.group(1);
            String end = "-----END " + label + "-----";
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder base64 = new StringBuilder();
            boolean inHeaders = true;
            i++;
            for (; ; i++) {
                if (i == lines.length) {
                    throw new Malformed("PEM block \"" + label + "\" has no END line");
                }
                String line = lines[i].strip();
                if (line.equals(end)) {
                    i++;
                    break;
                }
                if (line.startsWith("-----")) {
                    throw new Malformed("PEM block \"" + label + "\" ends with \"" + Printable.of(line) + "\"");
                }
                Matcher header = HEADER.matcher(line);
                if (inHeaders && header.matches()) {
                    headers.put(header.group(1), header.group(2).strip());
                    continue;
                }
                inHeaders = false;
                base64.append(line);
            }
            byte[] body;
            try {
                body = Base64.getDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new Malformed("PEM block \"" + label + "\" is not valid base64");
            }
            blocks.add(new Block(label, Collections.unmodifiableMap(headers), body));
        }
        return blocks;
    }

    /** The armored form, base64 wrapped at {@code width} columns, each line ending in a newline. */
    static String encode(String label, byte[] body, int width) {
        String base64 = Base64.getEncoder().encodeToString(body);
        StringBuilder sb = new StringBuilder(base64.length() + base64.length() / width + 80);
        sb.append("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64.length(); i += width) {
            sb.append(base64, i, Math.min(base64.length(), i + width)).append('\n');
        }
        sb.append("-----END ").append(label).append("-----\n");
        return sb.toString();
    }
}
