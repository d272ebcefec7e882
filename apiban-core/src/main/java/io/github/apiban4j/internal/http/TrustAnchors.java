package io.github.apiban4j.internal.http;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS that trusts the JDK's certificate authorities plus the certificates of a given key store (a
 * mirror's self-signed certificate, a company CA). Validation stays the JDK's own PKIX check, and
 * OkHttp still verifies the host name: nothing here can switch verification off.
 */
public final class TrustAnchors {
  private final SSLSocketFactory socketFactory;
  private final X509TrustManager trustManager;

  private TrustAnchors(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
    this.socketFactory = socketFactory;
    this.trustManager = trustManager;
  }

  /**
   * Trust for the JDK's default anchors and every certificate in {@code extra}.
   *
   * @throws IllegalArgumentException if {@code extra} holds no certificate or cannot be read
   */
  public static TrustAnchors withExtra(KeyStore extra) {
    try {
      KeyStore merged = KeyStore.getInstance(KeyStore.getDefaultType());
      merged.load(null, null);
      int added = 0;
      for (String alias : Collections.list(extra.aliases())) {
        Certificate certificate = extra.getCertificate(alias);
        if (certificate != null) {
          merged.setCertificateEntry("extra-" + added++, certificate);
        }
      }
      if (added == 0) {
        throw new IllegalArgumentException("trustStore holds no certificate");
      }
      int i = 0;
      for (X509Certificate ca : trustManager(null).getAcceptedIssuers()) {
        merged.setCertificateEntry("jdk-" + i++, ca);
      }
      X509TrustManager trustManager = trustManager(merged);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return new TrustAnchors(context.getSocketFactory(), trustManager);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("trustStore cannot be used: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager in " + factory.getAlgorithm());
  }

  public SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }
}
