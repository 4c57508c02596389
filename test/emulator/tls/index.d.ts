/** PEM private key of the test-only self-signed certificate (test/emulator/tls/selfsigned.key). */
export declare const key: string;
/** PEM self-signed certificate for CN=localhost, SAN DNS:localhost + IP:127.0.0.1, valid 100 years. */
export declare const cert: string;
