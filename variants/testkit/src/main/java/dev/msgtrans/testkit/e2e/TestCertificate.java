package dev.msgtrans.testkit.e2e;

import io.netty.handler.ssl.util.SelfSignedCertificate;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * One self-signed certificate for the QUIC targets of a test JVM: their servers present it and their clients trust
 * it, so the suite runs with the certificate verified (the default), never with verification skipped.
 * <p>
 * Threading contract: any thread (made once, by the class's initialisation).
 */
public final class TestCertificate {

    private static final X509Certificate CERT;
    private static final PrivateKey KEY;

    static {
        try {
            SelfSignedCertificate ssc = new SelfSignedCertificate("localhost", "EC", 256);
            CERT = ssc.cert();
            KEY = ssc.key();
            ssc.delete();
        } catch (java.security.cert.CertificateException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestCertificate() {
    }

    public static X509Certificate certificate() {
        return CERT;
    }

    public static PrivateKey key() {
        return KEY;
    }
}
