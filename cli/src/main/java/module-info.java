/** amiko's command-line tools (bin/). */
module org.amiko.ssh.cli {
    requires org.amiko.ssh.testserver;
    requires org.amiko.ssh.client;
    requires java.logging; // -v: the launcher routes System.Logger output (the JDK backs it with java.util.logging) to stderr
}
