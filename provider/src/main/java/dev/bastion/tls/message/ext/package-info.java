/**
 * Extensions (RFC 8446 §4.2 and the RFCs that define each one): the registry
 * {@link dev.bastion.tls.message.ext.ExtensionType} with the messages allowed to carry each
 * extension, one record per extension (and per form, where the body differs by message), and
 * the {@link dev.bastion.tls.message.ext.Extensions} container that enforces the block-level
 * rules (no duplicates, placement, pre_shared_key last). Also the building blocks the message
 * records share: {@link dev.bastion.tls.message.ext.Opaque}, code lists and code names.
 */
package dev.bastion.tls.message.ext;
