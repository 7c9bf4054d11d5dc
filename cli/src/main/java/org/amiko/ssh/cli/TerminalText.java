package org.amiko.ssh.cli;

import java.nio.charset.StandardCharsets;

/**
 * Text from the peer made safe for a terminal, as OpenSSH does with strnvis(3) (VIS_SAFE |
 * VIS_OCTAL) before it prints a banner, a DISCONNECT or DEBUG message, or a prompt: a server must
 * not be able to move the cursor, clear the screen, retitle the window, overwrite a line with a
 * carriage return, or reorder what is shown with bidirectional overrides. Printable characters
 * pass (letters of any script too), so do newline and tab; every other character is written as
 * {@code \ooo}, one octal escape per UTF-8 byte, and a backslash as {@code \\}, so that the
 * escaping cannot be forged.
 *
 * <p>The library's API hands such text on unchanged and documents it as untrusted; only what
 * bin/amiko prints goes through here. The command's own output is passed through untouched, as
 * ssh(1) does.
 */
final class TerminalText {

    private TerminalText() {
    }

    /**
     * Whether stderr writes UTF-8. Where it does not, any non-ASCII character is escaped too: a
     * character printable in Unicode may come out as an 8-bit control in another charset (in
     * windows-1252, U+203A is byte 0x9B, which some terminals read as CSI).
     */
    private static final boolean UTF8 = java.nio.charset.Charset.forName(System.getProperty("sun.stderr.encoding",
            System.getProperty("stderr.encoding", java.nio.charset.Charset.defaultCharset().name()))).equals(StandardCharsets.UTF_8);

    static String safe(String text) {
        return safe(text, UTF8);
    }

    static String safe(String text, boolean utf8) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\\') {
                out.append("\\\\");
            } else if (cp == '\n' || cp == '\t' || (cp >= 0x20 && cp < 0x7f) || (utf8 && cp > 0x9f && printable(cp))) {
                out.appendCodePoint(cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('\\').append(Integer.toOctalString(0x200 | (b & 0xff)).substring(1));
                }
            }
        });
        return out.toString();
    }

    /** Not a control, format (bidi overrides, zero-width), separator other than space, surrogate or unassigned character. */
    private static boolean printable(int cp) {
        int type = Character.getType(cp);
        return !Character.isISOControl(cp) && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE;
    }
}
