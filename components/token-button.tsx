// The one button a token page offers (confirm a signup, accept a new purpose): a POST carrying the token,
// never a GET, because mail scanners follow links.
export function TokenButton({ action, token, label }: { action: (formData: FormData) => void | Promise<void>; token: string; label: string }) {
  return (
    <form action={action}>
      <input type="hidden" name="token" value={token} />
      <button type="submit" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800">{label}</button>
    </form>
  );
}
