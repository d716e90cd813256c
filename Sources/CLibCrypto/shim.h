#ifndef GLEANER_CLIBCRYPTO_SHIM_H
#define GLEANER_CLIBCRYPTO_SHIM_H
/* Only SHA-256 is used, through the EVP digest interface of OpenSSL 3. */
#include <openssl/evp.h>
#endif
