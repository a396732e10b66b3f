#ifndef CZSTD_SHIM_H
#define CZSTD_SHIM_H
// For ZSTD_c_literalCompressionMode (blobs read on the query path keep their literals unencoded).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

/// Makes the context's next frames store their literals as they are (the parameter is a macro Swift does
/// not import).
static inline size_t czstd_store_literals(ZSTD_CCtx *context) {
  return ZSTD_CCtx_setParameter(context, ZSTD_c_literalCompressionMode, ZSTD_ps_disable);
}
#endif
