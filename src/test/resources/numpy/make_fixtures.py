"""Writes the .npy/.npz fixtures NumpyFixturesTest reads, with real numpy (run from this folder).

Every numeric dtype in both byte orders holds the same 2x3 matrix M = [[0, 1, 2], [3, 4, 5]]
(bool: M % 2); `fortran_*` hold M in Fortran order (what np.save(w.T) writes for a C array);
model.npz / model_compressed.npz hold a two-layer model (conv1 3x1x2x2 on [1, 3, 3] + fc 4x12) in the npz
layout, with a batch of two inputs for fc. Fixtures are regenerated, not edited:
    python3 make_fixtures.py
"""
import numpy as np

M = np.arange(6).reshape(2, 3)
for dt in ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8"]:
    for order in "<>":
        name = dt if dt.endswith("1") else ("le_" if order == "<" else "be_") + dt
        if dt.endswith("1") and order == ">":
            continue
        np.save(name + ".npy", M.astype(np.dtype(order + dt)))
np.save("b1.npy", (M % 2).astype(bool))
np.save("fortran_f4.npy", np.asfortranarray(M.astype("<f4")))
np.save("fortran_be_i8.npy", np.asfortranarray(M.astype(">i8")))
W = np.ascontiguousarray(M.T, dtype="<f8")  # a C-order (3, 2) weight
np.save("transposed_f8.npy", W.T)  # W.T is M in Fortran order, as np.save(w.T) writes it
np.save("fortran_3d_i2.npy", np.asfortranarray(np.arange(24, dtype="<i2").reshape(2, 3, 4)))
np.save("c16.npy", M.astype(np.complex128))
np.save("unicode.npy", np.array(["a", "bc"]))

rng = np.random.default_rng(0)
model = {
    "conv1.weight": np.round(rng.normal(size=(3, 1, 2, 2)), 2).astype(np.float32),
    "conv1.input": rng.integers(0, 4, size=(1, 3, 3)).astype(np.uint8),
    "fc.weight": (np.arange(48).reshape(4, 12) % 5 - 2).astype(np.int8),
    "fc.input": (np.arange(24) % 5).reshape(2, 12).astype(np.int64),
}
np.savez("model.npz", **model)
np.savez_compressed("model_compressed.npz", **model)
