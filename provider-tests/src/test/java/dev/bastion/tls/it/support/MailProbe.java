package dev.bastion.tls.it.support;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP client as an application configures it: STARTTLS enabled and required,
 * server identity checked, trust from the JVM's defaults ({@code javax.net.ssl.trustStore}).
 * Sends one message to {@code localhost}, then tries {@code wrong.test} (127.0.0.1 in the hosts
 * file), which the server's certificate does not name. Part of {@link AppProbe}.
 */
final class MailProbe {
    private MailProbe() {
    }

    static void smtp(Properties conf) throws Exception {
        String subject = conf.getProperty("smtp.subject");
        Session session = Session.getInstance(props("localhost", conf.getProperty("smtp.port")));
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("app@localhost"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("inbox@localhost"));
        m.setSubject(subject);
        m.setText("sent over STARTTLS by Angus Mail\n", "UTF-8");
        m.saveChanges();
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            print("smtp.ssl", ((SMTPTransport) t).isSSL());
            t.sendMessage(m, m.getAllRecipients());
            print("smtp.response", ((SMTPTransport) t).getLastServerResponse());
        }
        Session wrong = Session.getInstance(props("wrong.test", conf.getProperty("smtp.port")));
        try (Transport t = wrong.getTransport("smtp")) {
            t.connect();
            print("smtp.wrong", "connected");
        } catch (MessagingException e) {
            print("smtp.wrong", AppProbe.chain(e));
        }
    }

    private static Properties props(String host, String port) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", port);
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "20000");
        return p;
    }

    private static void print(String key, Object value) {
        AppProbe.print(key, value);
    }
}
