/** amiko's command-line tools (bin/). */
module org.amiko.ssh.cli {
    requires org.amiko.ssh.testserver;
    requires org.amiko.ssh.client;
}
