export default function DirectoryPage() {
  return (
    <section>
      <h1>DirectoryPage</h1>
      <p>Not built yet.</p>
    </section>
  );
}
