/**
 * ssh_config(5): the OpenSSH client configuration read as ssh(1) does (Host, Match, Include,
 * first value wins, command-line options first), resolved into a typed {@link
 * org.amiko.ssh.client.config.HostConfig} for one host. Only the options amiko acts on are kept;
 * the other keywords OpenSSH knows are read and ignored, and an unknown one is an error unless
 * IgnoreUnknown lists it.
 */
package org.amiko.ssh.client.config;
