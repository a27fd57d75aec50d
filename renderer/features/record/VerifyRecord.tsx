// "Verify record": checks every device's hash chain. (Skeleton.)
export function VerifyRecord() {
  return null;
}
