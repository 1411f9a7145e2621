export default function NotFound() {
  return (
    <>
      <h1>Nothing on this shelf</h1>
      <p>
        That page does not exist. <a href="/">Back to the shop</a>.
      </p>
    </>
  );
}
