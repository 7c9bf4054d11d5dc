package org.amiko.ssh.knownhosts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a file line by line without ever holding more than {@link KnownHostsLine#MAX_LINE_LENGTH}
 * bytes of one line: a longer line is not kept; its bytes (with its {@code \n}) go to the
 * pass-through sink when there is one (the editor copies such lines unchanged), else nowhere.
 */
final class LineReader {

    /** One line: its text (empty for an overlong line), whether a {@code \n} ended it, whether it was too long. */
    record Line(String text, boolean terminated, boolean overlong) {}

    private final InputStream in;
    private final OutputStream passThrough;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private byte[] line = new byte[512];
    private int len;

    /** {@code passThrough} receives the bytes of overlong lines; null drops them. */
    LineReader(InputStream in, OutputStream passThrough) {
        this.in = in;
        this.passThrough = passThrough;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        len = 0;
        boolean overlong = false;
        boolean any = false;
        while (true) {
            if (pos == lim) {
                lim = in.read(buf);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    return any ? finish(false, overlong) : null;
                }
            }
            any = true;
            int nl = -1;
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl >= 0 ? nl : lim;
            int n = end - pos;
            if (!overlong && len + n > KnownHostsLine.MAX_LINE_LENGTH) {
                overlong = true;
                if (passThrough != null) {
                    passThrough.write(line, 0, len);
                }
                len = 0;
            }
            if (overlong) {
                if (passThrough != null) {
                    passThrough.write(buf, pos, n + (nl >= 0 ? 1 : 0));
                }
            } else {
                append(pos, n);
            }
            pos = nl >= 0 ? nl + 1 : lim;
            if (nl >= 0) {
                return finish(true, overlong);
            }
        }
    }

    private void append(int from, int n) {
        if (len + n > line.length) {
            byte[] bigger = new byte[Math.min(KnownHostsLine.MAX_LINE_LENGTH, Math.max(line.length * 2, len + n))];
            System.arraycopy(line, 0, bigger, 0, len);
            line = bigger;
        }
        System.arraycopy(buf, from, line, len, n);
        len += n;
    }

    private Line finish(boolean terminated, boolean overlong) {
        if (overlong) {
            return new Line("", terminated, true);
        }
        return new Line(new String(line, 0, len, StandardCharsets.ISO_8859_1), terminated, false);
    }
}
