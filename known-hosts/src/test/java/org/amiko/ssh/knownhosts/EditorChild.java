package org.amiko.ssh.knownhosts;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A second process for {@link KnownHostsEditorTest}: {@code add FILE PREFIX COUNT} prints
 * {@code ready}, waits for a line on stdin, then adds entries {@code PREFIX0..} one edit at a time;
 * {@code hold FILE MILLIS} holds the file's edit lock.
 */
public final class EditorChild {

    private EditorChild() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "add" -> {
                KnownHostsEditor editor = KnownHostsEditor.of(file);
                int count = Integer.parseInt(args[3]);
                System.out.println("ready");
                System.out.flush();
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
                for (int i = 0; i < count; i++) {
                    editor.add(args[2] + i, 22, "ssh-ed25519", LineParserTest.ed25519Blob(i), i % 2 == 0, "");
                }
            }
            case "hold" -> {
                try (FileChannel ch = FileChannel.open(FileLocking.lockFile(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = ch.lock();
                    System.out.println("locked");
                    System.out.flush();
                    Thread.sleep(Long.parseLong(args[2]));
                    lock.release();
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
