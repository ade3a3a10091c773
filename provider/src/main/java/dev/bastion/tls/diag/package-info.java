/**
 * Diagnostics that depend on nothing else in Bastion: the {@link dev.bastion.tls.diag.Trace}
 * logging facade and the NSS {@link dev.bastion.tls.diag.KeyLog}.
 */
package dev.bastion.tls.diag;
